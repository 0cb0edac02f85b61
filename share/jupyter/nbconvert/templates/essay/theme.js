try{var t=localStorage.getItem("ek-theme");if(t==="dark"||t==="light")document.documentElement.setAttribute("data-ek-theme",t)}catch(e){}
